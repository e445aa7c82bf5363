"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { hrefOf, kindLabel, lineageHref } from "@/components/lineage/graph-model";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button, secondaryLinkButton, textLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { TableHead, TableWrap, td } from "@/components/ui/layout";
import { EmptyState, ErrorState, Spinner } from "@/components/ui/states";
import { useDebounced } from "@/components/ui/use-debounced";
import { NodePicker } from "../node-picker";

/** Reported datasets with their mappings; a steward maps one onto a source or signal, or ends a mapping. */
export function DatasetsAdmin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const canMap = useCan("lineage:map");
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const list = useQuery({ ...trpc.lineage.datasets.queryOptions(q ? { q } : {}), placeholderData: (prev) => prev });
  const [mapping, setMapping] = useState<string | null>(null);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.lineage.pathKey() });
  const map = useMutation(
    trpc.lineage.mapDataset.mutationOptions({
      onSuccess: () => {
        setMapping(null);
        void invalidate();
      },
    }),
  );
  const unmap = useMutation(trpc.lineage.unmapDataset.mutationOptions({ onSuccess: () => void invalidate() }));
  const failed = map.error ?? unmap.error;

  return (
    <div className="space-y-4">
      <div className="max-w-xl">
        <TextField label="Find a dataset" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Namespace or name…" autoComplete="off" />
      </div>
      {failed && <ErrorState message={failed.message} />}
      {list.isPending && <Spinner label="Loading datasets" />}
      {list.error && !list.data && <ErrorState message={list.error.message} onRetry={() => list.refetch()} />}
      {list.data && list.data.datasets.length === 0 && (
        <EmptyState title={q ? `No dataset matches “${q}”` : "No pipeline has reported a dataset yet"}>
          {q ? "Try part of its namespace or name." : "Datasets appear here once a pipeline posts an OpenLineage run event with an API token (Settings → API tokens)."}
        </EmptyState>
      )}
      {list.data && list.data.datasets.length > 0 && (
        <>
          <p role="status" className="text-sm text-slate-700">
            {list.data.total > list.data.datasets.length
              ? `Showing the first ${list.data.datasets.length} of ${list.data.total} datasets; narrow the search to see others.`
              : `${list.data.total} ${list.data.total === 1 ? "dataset" : "datasets"}`}
          </p>
          <TableWrap label="Pipeline datasets">
            <TableHead columns={["Dataset (namespace)", "Maps onto"]} actions />
            <tbody className="divide-y divide-slate-100">
              {list.data.datasets.map((d) => {
                const target = d.mappedTo;
                const targetHref = target ? hrefOf(target) : null;
                return (
                  <tr key={d.node} className="align-top">
                    <td className={td}>
                      <span className="block font-medium break-all text-slate-900">{d.name}</span>
                      <span className="block text-xs break-all text-slate-600">{d.namespace}</span>
                    </td>
                    <td className={td}>
                      {target ? (
                        <span>
                          {kindLabel(target.kind)}:{" "}
                          {targetHref ? (
                            <Link href={targetHref} className={textLink}>
                              {target.label}
                            </Link>
                          ) : (
                            target.label
                          )}
                        </span>
                      ) : (
                        <span className="text-slate-600">Not mapped</span>
                      )}
                      {mapping === d.node && (
                        <div className="mt-3 max-w-2xl rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="map-dataset">
                          <NodePicker
                            kinds={["source", "signal"]}
                            label={`Map ${d.name} onto a data source or signal`}
                            onChoose={(node) => map.mutate({ namespace: d.namespace, name: d.name, node })}
                          />
                          {map.isPending && <p className="mt-2 text-sm text-slate-700">Mapping…</p>}
                        </div>
                      )}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>
                      <div className="flex flex-wrap gap-2">
                        <Link href={lineageHref(target?.node ?? d.node)} className={secondaryLinkButton}>
                          Lineage<span className="sr-only"> of {d.name}</span>
                        </Link>
                        {canMap && (
                          <Button variant="secondary" aria-expanded={mapping === d.node} onClick={() => setMapping(mapping === d.node ? null : d.node)}>
                            {mapping === d.node ? "Cancel" : target ? "Map elsewhere" : "Map"}
                            <span className="sr-only"> {d.name}</span>
                          </Button>
                        )}
                        {canMap && target && (
                          <Button
                            variant="danger"
                            pending={unmap.isPending && unmap.variables?.name === d.name && unmap.variables?.namespace === d.namespace}
                            onClick={() => unmap.mutate({ namespace: d.namespace, name: d.name })}
                          >
                            Unmap<span className="sr-only"> {d.name}</span>
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </TableWrap>
        </>
      )}
    </div>
  );
}

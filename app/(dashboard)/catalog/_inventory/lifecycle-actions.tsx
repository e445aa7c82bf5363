"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { RetireForm } from "@/components/ui/reason-form";
import { secondaryLinkButton } from "./format";

interface Action<V> {
  mutate: (v: V, opts?: { onSuccess?: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

/** Edit, retire (with a reason) or restore, and the way to the audit trail; errors sit next to the action. */
export function LifecycleActions({
  entity,
  entityType,
  canManage,
  editing,
  onEdit,
  retire,
  restore,
}: {
  entity: { id: string; name: string; retiredAt: Date | string | null };
  /** The audit trail's name for the kind: "signal", "data_source". */
  entityType: string;
  canManage: boolean;
  editing: boolean;
  onEdit: () => void;
  retire: Action<{ id: string; reason: string }>;
  restore: Action<{ id: string }>;
}) {
  const [retiring, setRetiring] = useState(false);
  const { id, name: subject } = entity;
  const retired = Boolean(entity.retiredAt);
  if (retiring && !retired) {
    return (
      <RetireForm
        subject={subject}
        pending={retire.isPending}
        errors={formErrors(retire.error)}
        onSubmit={(reason) => retire.mutate({ id, reason }, { onSuccess: () => setRetiring(false) })}
        onCancel={() => {
          retire.reset();
          setRetiring(false);
        }}
      />
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canManage && !editing && !retired && (
          <Button variant="secondary" onClick={onEdit}>
            Edit
          </Button>
        )}
        {canManage &&
          (retired ? (
            <Button variant="secondary" pending={restore.isPending} onClick={() => restore.mutate({ id })}>
              Restore
            </Button>
          ) : (
            <Button
              variant="danger"
              onClick={() => {
                retire.reset();
                setRetiring(true);
              }}
            >
              Retire
            </Button>
          ))}
        <Link href={`/audit?entityType=${entityType}&entityId=${id}`} className={secondaryLinkButton}>
          Audit history
        </Link>
      </div>
      {Boolean(restore.error) && (
        <p className="text-sm text-red-700" data-testid="form-error">
          {formErrors(restore.error).form}
        </p>
      )}
    </div>
  );
}

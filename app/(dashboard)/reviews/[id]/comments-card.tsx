"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useInvalidateReviews } from "@/components/reviews/invalidate";
import { useCan } from "@/components/shell/permissions";
import { useTRPC } from "@/components/trpc/provider";
import { Button } from "@/components/ui/button";
import { formErrors } from "@/components/ui/errors";
import { TextArea } from "@/components/ui/field";
import { formatDateTime } from "@/domain/dates";
import { Card } from "@/components/ui/layout";
import type { ReviewRequest } from "./types";

export function CommentsCard({ r }: { r: ReviewRequest }) {
  const trpc = useTRPC();
  const canComment = useCan("review:comment");
  const invalidate = useInvalidateReviews();
  const [body, setBody] = useState("");
  const [empty, setEmpty] = useState(false);
  const post = useMutation(
    trpc.reviews.comment.mutationOptions({
      onSuccess: () => {
        setBody("");
        void invalidate();
      },
    }),
  );
  const errors = formErrors(post.error);
  return (
    <Card title="Comments">
      <div className="space-y-4">
        {r.comments.length === 0 ? (
          <p className="text-sm text-slate-700">No comments yet.</p>
        ) : (
          <ol className="space-y-3" data-testid="comments">
            {r.comments.map((c) => (
              <li key={c.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                <p className="flex flex-wrap gap-x-2">
                  <span className="font-medium text-slate-900">{c.name ?? "Steward (automatic)"}</span>
                  <time className="text-slate-600" dateTime={new Date(c.createdAt).toISOString()}>
                    {formatDateTime(c.createdAt)}
                  </time>
                </p>
                <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">{c.body}</p>
              </li>
            ))}
          </ol>
        )}
        {canComment && (
          <form
            className="space-y-2"
            aria-label="Add a comment"
            onSubmit={(e) => {
              e.preventDefault();
              const isEmpty = body.trim().length === 0;
              setEmpty(isEmpty);
              if (!isEmpty) post.mutate({ requestId: r.id, body });
            }}
          >
            <TextArea label="Comment" name="body" value={body} onChange={(e) => setBody(e.target.value)} error={empty ? "Write a comment." : (errors.fields.body ?? null)} />
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" variant="secondary" pending={post.isPending}>
                Post comment
              </Button>
              {errors.form && (
                <p role="alert" className="text-sm text-red-700">
                  {errors.form}
                </p>
              )}
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}

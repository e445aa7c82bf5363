import { channelLabel } from "./channel-label";

export interface ToolOnChannel {
  name: string;
  channel: string;
}

/** "Email platform (Email)": a tool and the channel it asks about. */
export const toolText = (t: ToolOnChannel) => `${t.name} (${channelLabel(t.channel)})`;

/**
 * The activation tools a change will start denying: those the gate allowed to use a segment
 * recently (impact analysis, the consent what-if). Nothing when no tool uses it.
 */
export function DeniedTools({ tools, days }: { tools: ToolOnChannel[]; days: number }) {
  if (tools.length === 0) return null;
  return (
    <div className="mt-1 min-w-48 text-xs text-red-900" data-testid="denied-tools">
      <p className="font-medium">Activation tools allowed in the last {days} days:</p>
      <ul className="list-disc pl-5">
        {tools.map((t) => (
          <li key={`${t.name}/${t.channel}`} className="break-words">
            {toolText(t)} will start being denied
          </li>
        ))}
      </ul>
    </div>
  );
}

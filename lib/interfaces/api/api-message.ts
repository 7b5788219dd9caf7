// A transcript message as the public API shows it. `author` is the internal label a console shows (a node's label, an
// operator's full name), kept for existing clients; `sender` is the name to show customers, the same the chat shows.
import { customerFacingSender } from "@/lib/model/sender-name";
import type { TurnReply } from "@/lib/runtime/engine/commands/start-conversation";

/** The columns apiMessage reads. */
export const apiMessageSelect = {
  id: true,
  role: true,
  author: true,
  senderName: true,
  text: true,
  createdAt: true,
} as const;

export type ApiMessage = {
  id: string;
  role: string;
  author: string | null;
  sender: string | null;
  text: string;
  createdAt: Date;
};

export function apiMessage(m: TurnReply): ApiMessage {
  return {
    id: m.id,
    role: m.role,
    author: m.author,
    sender: customerFacingSender(m),
    text: m.text,
    createdAt: m.createdAt,
  };
}

"use client";
// The workspace's assistant name: the sender customers see on the bot's replies (chat page and API), unless a flow or
// node names its own. Admins change it here; everyone else sees the value.
import { setAssistantNameAction } from "@/lib/features/settings/conversations/actions";
import { MAX_SENDER_NAME_LENGTH } from "@/lib/model/sender-name";
import { SingleSettingForm } from "./single-setting-form";

export function AssistantNameForm({ name, canManage }: { name: string; canManage: boolean }) {
  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="assistant-name-readonly">
        Customers see the bot&apos;s replies as from <strong>{name}</strong>, unless a flow or node sets its own sender
        name. Only admins can change this.
      </p>
    );
  }
  return (
    <SingleSettingForm
      name="name"
      label="Assistant name"
      formLabel="Assistant name"
      initial={name}
      input={{ type: "text", maxLength: MAX_SENDER_NAME_LENGTH, autoComplete: "off" }}
      widthClass="w-72"
      testId="assistant"
      hint={
        <>
          1–{MAX_SENDER_NAME_LENGTH} characters. What customers see as the sender of the bot&apos;s replies, in the chat
          and through the API, unless a flow or node sets its own sender name. New replies use it; messages already sent
          keep theirs.
        </>
      }
      save={(value) => setAssistantNameAction({ name: value })}
      savedValue={(data) => data.name}
      savedMessage={(data) =>
        data.changed ? `Saved: customers now see “${data.name}”.` : "Nothing to change: that is the current name."
      }
    />
  );
}

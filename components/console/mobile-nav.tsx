"use client";
// Below 1,024 px: a top bar with a menu button, and the sidebar's contents in a drawer over the page. The drawer is a
// modal <dialog> (the page behind it is inert, Escape arrives as `cancel`); Tab cycles inside it, and closing it by
// Escape, the backdrop, the Close button or a link puts focus back on the menu button.
import { Menu, Workflow, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { trapTab } from "./focus-trap";

const DRAWER_ID = "console-drawer";

export function MobileNav({ workspaceName, children }: { workspaceName: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A navigation that did not start from a link in the drawer (back button, a redirect) closes it too.
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  // Widening the window past the breakpoint hides the menu button; a drawer left open there would trap the page.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 1024px)");
    const onChange = () => {
      if (wide.matches) setOpen(false);
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);

  return (
    <>
      <div className="sticky top-0 z-30 flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 lg:hidden">
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={DRAWER_ID}
          onClick={() => setOpen(true)}
          className="-ml-1.5 grid size-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100"
          data-testid="nav-menu-button"
        >
          <Menu aria-hidden className="size-5" />
          <span className="sr-only">Menu</span>
        </button>
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-white">
          <Workflow className="size-4" />
        </span>
        <span className="min-w-0 truncate text-sm font-semibold text-slate-900">{workspaceName}</span>
      </div>
      <dialog
        ref={dialogRef}
        id={DRAWER_ID}
        aria-label="Console navigation"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onKeyDown={(event) => {
          if (dialogRef.current) trapTab(dialogRef.current, event);
        }}
        className="m-0 h-full max-h-none w-full max-w-none bg-transparent p-0 backdrop:bg-transparent lg:hidden"
        data-testid="nav-drawer"
      >
        {open ? (
          <div className="flex h-full">
            <div
              className="flex h-full w-72 max-w-[85vw] flex-col border-r border-slate-200 bg-white shadow-xl"
              onClick={(event) => {
                if ((event.target as Element).closest("a[href]")) close();
              }}
            >
              <div className="flex justify-end px-2 pt-2">
                <button
                  type="button"
                  onClick={close}
                  className="grid size-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100"
                >
                  <X aria-hidden className="size-5" />
                  <span className="sr-only">Close menu</span>
                </button>
              </div>
              {children}
            </div>
            {/* The backdrop: a pointer target only; keyboard users have Escape and the Close button. */}
            <div aria-hidden className="flex-1 bg-slate-900/40" onClick={close} data-testid="nav-backdrop" />
          </div>
        ) : null}
      </dialog>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { Search } from "lucide-react";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="max-w-md text-center">
        <span
          aria-hidden
          className="mx-auto mb-4 grid size-10 place-items-center rounded-full bg-slate-100 text-slate-600"
        >
          <Search className="size-5" />
        </span>
        <p className="text-sm font-semibold text-indigo-700">404</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          The address may be mistyped, or what it pointed to was removed or belongs to another workspace.
        </p>
        <div className="mt-6">
          <Link href="/" className={buttonClass("primary")}>
            Go to the home page
          </Link>
        </div>
      </div>
    </main>
  );
}

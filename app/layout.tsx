import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Design, run and operate AI customer-service flows.",
  icons: { icon: "/icon.svg" },
  // The console is private; public/robots.txt says the same to crawlers that ask first.
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, none at build time: proxy.ts gives each response a fresh CSP nonce, which
  // Next.js puts on the page's scripts. A page built ahead of time would carry none, and its scripts would not run.
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}

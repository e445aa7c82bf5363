import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/components/trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Steward", template: "%s · Steward" },
  description: "Governance catalog for marketing audience segments, built on consent.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request so Next.js can put this response's CSP nonce on its scripts
  // (proxy.ts); a page prerendered at build time would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}

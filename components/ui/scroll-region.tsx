"use client";
// A container that scrolls sideways when its content (a wide table) is wider than the screen. While it actually
// overflows it is a labelled tab stop, so keyboard users can scroll it with the arrow keys (WCAG 2.1.1); while
// everything fits it is a plain box and adds no stop.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflowing(el.scrollWidth > el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      // relative: a visually hidden label (sr-only, absolutely positioned) in a cell stays inside the scrolled box
      // instead of widening the page from where its table cell would be.
      className={cn("relative overflow-x-auto", className)}
      tabIndex={overflowing ? 0 : undefined}
      role={overflowing ? "region" : undefined}
      aria-label={overflowing ? label : undefined}
    >
      {children}
    </div>
  );
}

// The two shapes every part of a flow graph shares: an id people can read in traces and exports, and a canvas
// position. Apart from schema.ts so the annotations' schema (annotations.ts) can use them without a cycle.
import { z } from "zod";

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _ only.");

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

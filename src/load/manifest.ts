// The manifest (disclosure.yaml / .json): what a directory says about itself. Loaded only when a
// directory has one, so that zod is not loaded on every start.
import { z } from 'zod';
import { TableKindSchema, UnitSchema, UnitTypeSchema } from './model.js';

export const ManifestSchema = z
  .object({
    department: z.string().optional(),
    /** the layout profile (budgetlint layouts), when detection should not decide */
    layout: z.string().optional(),
    year: z.number().int().min(1949).max(2100).optional(),
    unit: UnitSchema.optional(),
    unitType: UnitTypeSchema.optional(),
    tables: z
      .record(
        z.string(),
        z.union([TableKindSchema, z.object({ kind: TableKindSchema, unit: UnitSchema.optional() }).strict()]),
      )
      .optional(),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

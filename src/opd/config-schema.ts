import { z } from 'zod';

/** Configuration key `opd`: where the pemda's directory of units is. */
export const opdConfigSchema = z.strictObject({
  /** A YAML file like config/opd/blora.yaml; relative paths are tried from the working directory, then from the package. */
  directory: z.string().min(1),
});
export type OpdConfig = z.infer<typeof opdConfigSchema>;

/** The dedup engine's knobs (configuration `dedup`, documented in config/default.yaml). */
export interface DedupSettings {
  /** At or above: the records are one case, linked at once. */
  autoLink: number;
  /** At or above (and below autoLink): proposed to an operator. Below: nothing. */
  propose: number;
  /** Reports of one desa by different citizens are related when their category is the same, or, without a category on both, from this text similarity. */
  related: number;
  /** Reports further apart than this are never related (a road fixed and broken again is news). */
  relatedDays: number;
  /** Identical normalized text from the same reporter within this many days is a duplicate, whatever the score. */
  exactDays: number;
}

export const DEFAULT_DEDUP_SETTINGS: DedupSettings = {
  autoLink: 0.85,
  propose: 0.6,
  related: 0.25,
  relatedDays: 30,
  exactDays: 30,
};

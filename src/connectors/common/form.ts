/** Flattens a JSON-ish object into form fields: lists repeat the key, objects nest as `a[b]`. */
export function toForm(value: unknown): URLSearchParams {
  const form = new URLSearchParams();
  const add = (key: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) v.forEach((item) => add(key, item));
    else if (typeof v === 'object') for (const [k, inner] of Object.entries(v)) add(`${key}[${k}]`, inner);
    else form.append(key, String(v));
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) add(k, v);
  return form;
}

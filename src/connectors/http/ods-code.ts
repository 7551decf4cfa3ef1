/**
 * The trust an ODS/NACS code belongs to. Trust codes are three characters starting R or T; their
 * sites add two more (`RRV03` → `RRV`). Other codes (GP practices, ONS areas) name no trust.
 */
export function trustOdsCode(code: string | undefined | null): string | undefined {
  const text = (code ?? '').trim().toUpperCase();
  if (/^[RT][A-Z0-9]{2}$/.test(text)) return text;
  if (/^[RT][A-Z0-9]{2}[A-Z0-9]{2}$/.test(text)) return text.slice(0, 3);
  return undefined;
}

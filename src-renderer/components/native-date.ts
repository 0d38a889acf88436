// Chromium's native date fields take up to six digits for the year unless the field has a max: a clerk
// who types 20261202 without a separator gets the year 202612 (issue 16 finding 8). With a four-digit year
// as the max, the year segment is full after four digits and the typing moves on to the month.

/** The `max` attribute for a native date or datetime-local field. */
export function nativeDateMax(type: 'date' | 'datetime-local'): string {
  return type === 'date' ? '9999-12-31' : '9999-12-31T23:59';
}

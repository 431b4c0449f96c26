// Saving a file the API produced (Excel exports, reports): the browser's download, named as the server says.

/** The filename of a Content-Disposition header, preferring RFC 5987 `filename*=UTF-8''…` (Chinese names). */
export function filenameFrom(disposition: string | null | undefined, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Calls a generated SDK function that answers with a file (`parseAs: 'blob'`) and saves it.
 * Example: `await downloadFrom(() => exportVisits({ query, parseAs: 'blob' }), '走访记录.xlsx')`.
 */
export async function downloadFrom(
  call: () => Promise<{ data: unknown; response: Response }>,
  fallbackName: string,
): Promise<void> {
  const { data, response } = await call();
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart]);
  saveBlob(blob, filenameFrom(response.headers.get('Content-Disposition'), fallbackName));
}

/** Whether CLI output written to a stream should be coloured. */

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function wantsColor(stream: { readonly isTTY?: boolean }): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

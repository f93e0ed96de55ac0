/** `text` in pieces of `size` characters (the last may be shorter): for showing long values in groups. */
export function groupsOf(text: string, size: number): string[] {
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += size) groups.push(text.slice(i, i + size));
  return groups;
}

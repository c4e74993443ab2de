/**
 * The openai SDK asks for base64 embeddings by default and decodes whatever comes back, so a
 * float array from a translating adapter would become garbage: encode floats as base64 of
 * little-endian float32 (providers.md §2.6) when the client asked for base64.
 */
export function embeddingsAsBase64(value: object): object {
  const data = (value as { data?: unknown }).data;
  if (!Array.isArray(data) || !data.some((item) => Array.isArray((item as { embedding?: unknown } | null)?.embedding))) return value;
  return {
    ...value,
    data: data.map((item: { embedding?: unknown }) => {
      if (!Array.isArray(item.embedding)) return item;
      const floats = Float32Array.from(item.embedding as number[]);
      const bytes = Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
      // Float32Array uses the platform's byte order; every supported platform is little-endian.
      return { ...item, embedding: bytes.toString('base64') };
    }),
  };
}

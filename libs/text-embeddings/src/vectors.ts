/** Cosine similarity in -1…1; 0 when either vector is all zeros. Sums in double precision. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine needs vectors of one length, got ${a.length} and ${b.length}`);
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 || bb === 0) return 0;
  return Math.min(1, Math.max(-1, dot / (Math.sqrt(aa) * Math.sqrt(bb))));
}

/** A vector with its squared length, summed as {@link cosine} sums it: for many cosines among the same vectors. */
export interface MeasuredVector {
  readonly vector: ArrayLike<number>;
  readonly squaredLength: number;
}

export function measured(vector: ArrayLike<number>): MeasuredVector {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
  return { vector, squaredLength: squares };
}

/** {@link cosine} of measured vectors: the same value to the last bit, for a third of the work. */
export function cosineOfMeasured(a: MeasuredVector, b: MeasuredVector): number {
  const [x, y] = [a.vector, b.vector];
  if (x.length !== y.length) throw new RangeError(`cosine needs vectors of one length, got ${x.length} and ${y.length}`);
  let dot = 0;
  for (let i = 0; i < x.length; i++) dot += x[i] * y[i];
  if (a.squaredLength === 0 || b.squaredLength === 0) return 0;
  return Math.min(1, Math.max(-1, dot / (Math.sqrt(a.squaredLength) * Math.sqrt(b.squaredLength))));
}

/** The vector scaled to length 1 (all zeros stays all zeros). */
export function l2Normalised(vector: ArrayLike<number>): Float32Array {
  let squares = 0;
  for (let i = 0; i < vector.length; i++) squares += vector[i] * vector[i];
  if (!Number.isFinite(squares)) throw new RangeError('cannot normalise a vector with a non-finite component');
  const normalised = new Float32Array(vector.length);
  if (squares === 0) return normalised;
  const length = Math.sqrt(squares);
  for (let i = 0; i < vector.length; i++) normalised[i] = vector[i] / length;
  return normalised;
}

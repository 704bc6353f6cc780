/**
 * @module itm/nth-element
 * Linear-time selection, the role `std::nth_element` plays in NTIA's ComputeDeltaH.
 */

/**
 * Partially orders `a[lo..hi)` so that `a[k]` holds the value a full ascending sort would put
 * there, everything before it is <= a[k] and everything after is >= a[k] (quickselect with a
 * median-of-three pivot and Hoare partitioning; insertion sort for short ranges). The selected
 * value is an order statistic, so it is the same whatever selection algorithm NTIA's C++ library
 * uses.
 *
 * @param a - Values; reordered in place
 * @param lo - First index of the range
 * @param hi - One past the last index of the range
 * @param k - Index to settle, lo <= k < hi
 */
export function nthElement(a: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi - 1;
  while (right - left > 16) {
    // median of three, which also leaves sentinels at both ends for the scans below
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];

    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[left..j] <= pivot <= a[i..right], and anything between equals the pivot
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  // insertion sort of the short remainder
  for (let i = left + 1; i <= right; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= left && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

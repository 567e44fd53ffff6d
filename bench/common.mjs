// What bench.mjs and paint-floor.mjs measure alike: the devices, and how runs are summed up.

/** The desktop and the phone every figure is measured on (Chromium's device emulation). */
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};

/** The p-th percentile by nearest rank (no interpolation: always a measured value). */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** The median of the finite values: the lower middle one of an even count. */
export const median = (xs) => percentile(xs.filter((x) => Number.isFinite(x)), 50);

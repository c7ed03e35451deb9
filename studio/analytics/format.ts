/** Number formatting for the dashboard: the visitor's locale, percentages with one decimal. */
export const formatters = (locale?: string) => {
  const n = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return { n: (v: number) => n.format(v), pct: (v: number) => pct.format(v), dec: (v: number) => dec.format(v) };
};

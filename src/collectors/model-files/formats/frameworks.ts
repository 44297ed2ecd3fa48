// Which framework a pickle belongs to, from the modules of the globals it imports (first match wins).

const BY_MODULE: Array<[prefix: string, framework: string]> = [
  ['torch', 'pytorch'],
  ['sklearn', 'scikit-learn'],
  ['xgboost', 'xgboost'],
  ['lightgbm', 'lightgbm'],
  ['catboost', 'catboost'],
  ['keras', 'keras'],
  ['tensorflow', 'tensorflow'],
  ['transformers', 'transformers'],
  ['statsmodels', 'statsmodels'],
  ['pandas', 'pandas'],
  ['joblib', 'joblib'],
  ['numpy', 'numpy'],
];

export function frameworkFromGlobals(globals: string[]): string | undefined {
  for (const [prefix, framework] of BY_MODULE) {
    if (globals.some((g) => g === prefix || g.startsWith(`${prefix}.`))) return framework;
  }
  return undefined;
}

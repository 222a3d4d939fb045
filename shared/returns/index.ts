/** DfE returns: SSDA903 OC3 (care leavers) rows and their validation. */
export * from './collection-year.ts';
export * from './oc3.ts';
export * from './oc3-validation.ts';
export * from './ssda903.ts';

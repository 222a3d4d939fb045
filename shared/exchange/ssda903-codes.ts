/**
 * Code lists of the SSDA903 Header and Episodes tables that an import checks (DfE, "Children looked
 * after by local authorities in England: guide to the SSDA903 collection", code sets for SEX, ETHNIC,
 * RNE, LS, CIN, PLACE, PLACE_PROVIDER, REC and REASON_PLACE_CHANGE; the OC3 codes are in
 * shared/domain/codes.ts). Dates in every table are written dd/mm/yyyy.
 */

export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const;
export const EPISODE_COLUMNS = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN',
] as const;

/** Columns an import cannot do without; the others may be absent from a file. */
export const REQUIRED_HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC'] as const;
export const REQUIRED_EPISODE_COLUMNS = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'DEC',
  'REC',
] as const;
export const REQUIRED_OC3_COLUMNS = ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'] as const;

export const SEX_CODES = ['1', '2'] as const;

export const ETHNIC_CODES = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;

/** Reason for new episode. */
export const RNE_CODES = ['S', 'P', 'L', 'T', 'B', 'U'] as const;

/** Legal status. V3 and V4 are short breaks (see SHORT_BREAK_LEGAL_STATUSES). */
export const LS_CODES = [
  'C1',
  'C2',
  'D1',
  'E1',
  'J1',
  'J2',
  'J3',
  'L1',
  'L2',
  'L3',
  'V2',
  'V3',
  'V4',
] as const;

/**
 * Pre-planned short breaks do not count towards the 13 weeks that make a child eligible (Care Planning,
 * Placement and Case Review (England) Regulations 2010 reg 40(2) with reg 48).
 */
export const SHORT_BREAK_LEGAL_STATUSES: ReadonlySet<string> = new Set(['V3', 'V4']);

/** Category of need. */
export const CIN_CODES = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'] as const;

export const PLACE_CODES = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
] as const;

export const PLACE_PROVIDER_CODES = ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'] as const;

/** Reason episode ceased. X1: the episode ceased and a new one began (the child stayed looked after). */
export const REC_CODES = [
  'E11',
  'E12',
  'E13',
  'E14',
  'E15',
  'E16',
  'E17',
  'E2',
  'E3',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E4A',
  'E4B',
  'E5',
  'E6',
  'E7',
  'E71',
  'E8',
  'E9',
  'X1',
] as const;
export const REC_CONTINUES = 'X1';

export const REASON_PLACE_CHANGE_CODES = [
  'CARPL',
  'CLOSE',
  'ALLEG',
  'STAND',
  'APPRR',
  'CREQB',
  'CREQO',
  'CHILD',
  'LAREQ',
  'PLACE',
  'CUSTOD',
  'OTHER',
] as const;

/** CHILD ids Waymark accepts: the DfE's are up to 10 letters and digits; councils' own keys vary a little. */
export const CHILD_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

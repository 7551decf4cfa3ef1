import type { TumourGroupId } from '../../domain/model.js';

/**
 * The names people actually use for trusts that treat a lot of cancer: hospital nicknames rather than
 * legal names. `centre` marks specialist cancer centres, which the sample favours. Codes are checked
 * against the reference trust file at load; a code that is missing or closed there is not used.
 * Specialist trusts list the tumour groups they treat, so no one has bowel surgery at an eye hospital.
 */
export interface CuratedTrust {
  code: string;
  shortNames: readonly string[];
  centre?: boolean;
  /** A specialist trust only treats these groups; absent means any. */
  tumourGroups?: readonly TumourGroupId[];
}

export const CURATED_TRUSTS: readonly CuratedTrust[] = [
  { code: 'RBV', shortNames: ['the Christie', 'Christie', 'the Christie in Manchester'], centre: true },
  { code: 'RPY', shortNames: ['the Royal Marsden', 'the Marsden', 'Royal Marsden'], centre: true },
  { code: 'RJ1', shortNames: ["Guy's", "St Thomas'", "Guy's and St Thomas'", 'Guys'], centre: true },
  { code: 'RRV', shortNames: ['UCLH', 'UCH', 'University College Hospital'], centre: true },
  { code: 'REN', shortNames: ['Clatterbridge', 'the Clatterbridge Cancer Centre'], centre: true },
  { code: 'RTH', shortNames: ['the Churchill', 'the Churchill in Oxford', 'the John Radcliffe'], centre: true },
  { code: 'RGT', shortNames: ["Addenbrooke's", 'Addenbrookes'], centre: true },
  { code: 'RTD', shortNames: ['the Freeman', 'the RVI', 'the Northern Centre for Cancer Care'], centre: true },
  { code: 'RR8', shortNames: ["St James's", "Jimmy's", 'Leeds Cancer Centre'], centre: true },
  { code: 'RHQ', shortNames: ['Weston Park', 'the Royal Hallamshire'], centre: true },
  { code: 'RRK', shortNames: ['the QE', 'QE Birmingham', 'the Queen Elizabeth in Birmingham'], centre: true },
  { code: 'RHM', shortNames: ['Southampton General', 'Southampton hospital'], centre: true },
  { code: 'RAL', shortNames: ['the Royal Free', 'Royal Free'], centre: true },
  { code: 'RYJ', shortNames: ['Charing Cross', 'Hammersmith Hospital', 'Imperial'], centre: true },
  { code: 'R1H', shortNames: ['Barts', 'the Royal London', 'Barts Cancer Centre'], centre: true },
  { code: 'RJZ', shortNames: ["King's", "King's College Hospital", 'Kings'], centre: true },
  { code: 'RJ7', shortNames: ["St George's", 'St Georges in Tooting'], centre: true },
  { code: 'RX1', shortNames: ['Nottingham City Hospital', 'the QMC', 'City Hospital in Nottingham'], centre: true },
  { code: 'RWE', shortNames: ['Leicester Royal Infirmary', 'the LRI', 'Glenfield'], centre: true },
  { code: 'RK9', shortNames: ['Derriford', 'Derriford Hospital'], centre: true },
  { code: 'REM', shortNames: ['the Royal Liverpool', 'Aintree', 'the Royal Liverpool Hospital'] },
  { code: 'R0A', shortNames: ['Manchester Royal Infirmary', 'Wythenshawe', 'the MRI'] },
  { code: 'RBQ', shortNames: ['Liverpool Heart and Chest', 'LHCH'], centre: true, tumourGroups: ['lung', 'other'] },
  { code: 'RET', shortNames: ['the Walton Centre', 'the Walton'], centre: true, tumourGroups: ['brain_cns'] },
  { code: 'RGM', shortNames: ['Papworth', 'Royal Papworth'], centre: true, tumourGroups: ['lung', 'other'] },
  {
    code: 'RAN',
    shortNames: ['the RNOH', 'Stanmore', 'the Royal National Orthopaedic'],
    centre: true,
    tumourGroups: ['sarcoma'],
  },
  {
    code: 'RP4',
    shortNames: ['GOSH', 'Great Ormond Street'],
    centre: true,
    tumourGroups: ['brain_cns', 'haematological', 'sarcoma', 'other'],
  },
  { code: 'RM1', shortNames: ['the Norfolk and Norwich', 'the N&N', 'NNUH'] },
  { code: 'RKB', shortNames: ['UHCW', 'Walsgrave', 'University Hospital Coventry'] },
  { code: 'RJE', shortNames: ['Royal Stoke', 'UHNM'] },
  { code: 'RTR', shortNames: ['James Cook', 'JCUH'] },
  { code: 'RCB', shortNames: ['York Hospital', 'Scarborough Hospital'] },
  { code: 'RWA', shortNames: ['Castle Hill', 'Hull Royal Infirmary', 'the Queens Centre in Hull'] },
  { code: 'REF', shortNames: ['Treliske', 'Royal Cornwall'] },
  { code: 'RH8', shortNames: ['the RD&E', 'the Royal Devon and Exeter'] },
  { code: 'RTE', shortNames: ['Cheltenham General', 'the Oncology Centre in Cheltenham', 'Gloucester Royal'] },
  { code: 'RXN', shortNames: ['Royal Preston', 'the Rosemere Centre'] },
  { code: 'RA2', shortNames: ['the Royal Surrey', "St Luke's Cancer Centre"] },
  { code: 'RHU', shortNames: ['QA', 'Queen Alexandra Hospital', 'QA Portsmouth'] },
  { code: 'RYR', shortNames: ['the Royal Sussex County', 'the Sussex Cancer Centre'] },
  { code: 'RWG', shortNames: ['Watford General', 'Watford'] },
  { code: 'RDE', shortNames: ['Colchester Hospital', 'Ipswich Hospital'] },
  { code: 'RAJ', shortNames: ['Southend Hospital', 'Broomfield', 'Basildon Hospital'] },
  { code: 'RWF', shortNames: ['Maidstone Hospital', 'the Kent Oncology Centre'] },
  { code: 'RVV', shortNames: ['the William Harvey', 'QEQM in Margate', 'Kent and Canterbury'] },
  { code: 'RN3', shortNames: ['the GWH', 'Great Western Hospital'] },
  { code: 'RD1', shortNames: ['the RUH', 'RUH Bath'] },
  { code: 'RL4', shortNames: ['New Cross', 'New Cross Hospital'] },
  { code: 'RNA', shortNames: ['Russells Hall', 'Russells Hall Hospital'] },
  { code: 'RK5', shortNames: ["King's Mill", 'Kings Mill'] },
  { code: 'RWD', shortNames: ['Lincoln County', 'Pilgrim Hospital'] },
  { code: 'RTX', shortNames: ['the Royal Lancaster Infirmary', 'Furness General'] },
  { code: 'R0D', shortNames: ['Poole Hospital', 'the Royal Bournemouth'] },
  { code: 'RHW', shortNames: ['the Royal Berks', 'Royal Berkshire Hospital'] },
  { code: 'RDU', shortNames: ['Frimley Park', 'Wexham Park'] },
  { code: 'RTG', shortNames: ['Royal Derby', 'Royal Derby Hospital'] },
  { code: 'RP5', shortNames: ['Doncaster Royal Infirmary', 'DRI'] },
  { code: 'RXF', shortNames: ['Pinderfields', 'Pinderfields Hospital'] },
  { code: 'RAE', shortNames: ['Bradford Royal Infirmary', 'the BRI in Bradford'] },
  { code: 'RTF', shortNames: ['Cramlington', 'the Northumbria hospital'] },
  { code: 'R0B', shortNames: ['Sunderland Royal', 'Sunderland Royal Hospital'] },
  { code: 'RJR', shortNames: ['the Countess of Chester', 'the Countess'] },
];

import type { TrustSuccessor } from './trust.js';

/**
 * Closed trusts (close dates in ODS etr.csv) whose services passed whole to one successor, so a comment
 * naming the old trust after it closed, or with no date, is about the successor. Trusts that were split
 * between several successors (Pennine Acute, Mid Staffordshire, South London Healthcare…) are left out
 * on purpose: naming them links to nothing. Chains are followed (Trafford → Central Manchester → MFT).
 * Sources: the successor's ODS open date or rename, and NHS England / trust announcements of each
 * merger, as noted.
 */
const MERGER = 'ODS close date; merger announced by the trusts';

export const TRUST_SUCCESSORS: readonly TrustSuccessor[] = [
  { closed: 'RA3', successor: 'RA7', source: `${MERGER} (Weston Area Health into UH Bristol, April 2020)` },
  { closed: 'RA4', successor: 'RH5', source: `${MERGER} (Yeovil District Hospital into Somerset FT, April 2023)` },
  { closed: 'RBA', successor: 'RH5', source: `${MERGER} (Taunton and Somerset and Somerset Partnership, April 2020)` },
  { closed: 'RBB', successor: 'RD1', source: `${MERGER} (RNHRD acquired by the RUH Bath, February 2015)` },
  { closed: 'RBF', successor: 'RTH', source: `${MERGER} (Nuffield Orthopaedic Centre into Oxford, November 2011)` },
  { closed: 'RBZ', successor: 'RH8', source: `${MERGER} (Northern Devon and RD&E formed Royal Devon, April 2022)` },
  {
    closed: 'RC1',
    successor: 'RC9',
    source: `${MERGER} (Bedford Hospital and L&D formed Bedfordshire Hospitals, April 2020)`,
  },
  { closed: 'RC3', successor: 'R1K', source: `${MERGER} (Ealing Hospital into London North West, October 2014)` },
  { closed: 'RCC', successor: 'RCB', source: `${MERGER} (Scarborough and NE Yorkshire acquired by York, July 2012)` },
  { closed: 'RCS', successor: 'RX1', source: `${MERGER} (Nottingham City Hospital and QMC formed NUH, April 2006)` },
  {
    closed: 'RD3',
    successor: 'R0D',
    source: `${MERGER} (Poole Hospital into University Hospitals Dorset, October 2020)`,
  },
  {
    closed: 'RD7',
    successor: 'RDU',
    source: `${MERGER} (Heatherwood and Wexham Park acquired by Frimley, October 2014)`,
  },
  { closed: 'RDD', successor: 'RAJ', source: `${MERGER} (Basildon and Thurrock into Mid and South Essex, April 2020)` },
  {
    closed: 'RDZ',
    successor: 'R0D',
    source: `${MERGER} (Royal Bournemouth into University Hospitals Dorset, October 2020)`,
  },
  {
    closed: 'RE9',
    successor: 'R0B',
    source: `${MERGER} (South Tyneside into South Tyneside and Sunderland, April 2019)`,
  },
  {
    closed: 'RFW',
    successor: 'RQM',
    source: `${MERGER} (West Middlesex acquired by Chelsea and Westminster, September 2015)`,
  },
  { closed: 'RGC', successor: 'R1H', source: `${MERGER} (Whipps Cross into Barts Health, April 2012)` },
  {
    closed: 'RGQ',
    successor: 'RDE',
    source: `${MERGER} (Ipswich and Colchester formed East Suffolk and North Essex, July 2018)`,
  },
  { closed: 'RJ5', successor: 'RYJ', source: `${MERGER} (St Mary's into Imperial College Healthcare, October 2007)` },
  {
    closed: 'RJF',
    successor: 'RTG',
    source: `${MERGER} (Burton Hospitals into University Hospitals of Derby and Burton, July 2018)`,
  },
  { closed: 'RJX', successor: 'RW4', source: `${MERGER} (Calderstones acquired by Mersey Care, July 2016)` },
  {
    closed: 'RLN',
    successor: 'R0B',
    source: `${MERGER} (City Hospitals Sunderland into South Tyneside and Sunderland, April 2019)`,
  },
  {
    closed: 'RLU',
    successor: 'RQ3',
    source: `${MERGER} (Birmingham Women's into Birmingham Women's and Children's, February 2017)`,
  },
  { closed: 'RM2', successor: 'R0A', source: `${MERGER} (UHSM into Manchester University, October 2017)` },
  {
    closed: 'RM4',
    successor: 'RW3',
    source: `${MERGER} (Trafford Healthcare acquired by Central Manchester, April 2012)`,
  },
  {
    closed: 'RN1',
    successor: 'RN5',
    source: `${MERGER} (Winchester and Eastleigh into Hampshire Hospitals, January 2012)`,
  },
  { closed: 'RNH', successor: 'R1H', source: `${MERGER} (Newham University Hospital into Barts Health, April 2012)` },
  { closed: 'RNJ', successor: 'R1H', source: `${MERGER} (Barts and The London into Barts Health, April 2012)` },
  {
    closed: 'RNL',
    successor: 'RNN',
    source: `${MERGER} (North Cumbria University Hospitals into North Cumbria Integrated Care, October 2019)`,
  },
  {
    closed: 'RPL',
    successor: 'RYR',
    source: `${MERGER} (Worthing and Southlands into Western Sussex Hospitals, April 2009)`,
  },
  {
    closed: 'RPR',
    successor: 'RYR',
    source: `${MERGER} (Royal West Sussex into Western Sussex Hospitals, April 2009)`,
  },
  {
    closed: 'RQ6',
    successor: 'REM',
    source: `${MERGER} (Royal Liverpool and Broadgreen and Aintree formed LUHFT, October 2019)`,
  },
  { closed: 'RQ8', successor: 'RAJ', source: `${MERGER} (Mid Essex into Mid and South Essex, April 2020)` },
  {
    closed: 'RQN',
    successor: 'RYJ',
    source: `${MERGER} (Hammersmith Hospitals into Imperial College Healthcare, October 2007)`,
  },
  { closed: 'RQQ', successor: 'RGN', source: `${MERGER} (Hinchingbrooke into North West Anglia, April 2017)` },
  {
    closed: 'RR1',
    successor: 'RRK',
    source: `${MERGER} (Heart of England acquired by University Hospitals Birmingham, April 2018)`,
  },
  {
    closed: 'RRD',
    successor: 'R1L',
    source: `${MERGER} (North Essex Partnership into Essex Partnership University, April 2017)`,
  },
  {
    closed: 'RRP',
    successor: 'G6V2S',
    source: `${MERGER} (Barnet, Enfield and Haringey MH into North London, November 2024)`,
  },
  {
    closed: 'RT3',
    successor: 'RJ1',
    source: `${MERGER} (Royal Brompton and Harefield into Guy's and St Thomas', February 2021)`,
  },
  {
    closed: 'RT6',
    successor: 'RMY',
    source: `${MERGER} (Suffolk Mental Health into Norfolk and Suffolk, January 2012)`,
  },
  {
    closed: 'RV8',
    successor: 'R1K',
    source: `${MERGER} (North West London Hospitals into London North West, October 2014)`,
  },
  {
    closed: 'RVJ',
    successor: 'RA7',
    source: `${MERGER} (North Bristol and University Hospitals Bristol and Weston, 2026)`,
  },
  {
    closed: 'RVL',
    successor: 'RAL',
    source: `${MERGER} (Barnet and Chase Farm acquired by Royal Free London, July 2014)`,
  },
  {
    closed: 'RVX',
    successor: 'RX3',
    source: `${MERGER} (Tees and North East Yorkshire into Tees, Esk and Wear Valleys, April 2006)`,
  },
  {
    closed: 'RVY',
    successor: 'RBN',
    source: `${MERGER} (Southport and Ormskirk into Mersey and West Lancashire, July 2023)`,
  },
  {
    closed: 'RW3',
    successor: 'R0A',
    source: `${MERGER} (Central Manchester into Manchester University, October 2017)`,
  },
  {
    closed: 'RW8',
    successor: 'RX2',
    source: `${MERGER} (West Sussex Health and Social Care into Sussex Partnership, April 2006)`,
  },
  {
    closed: 'RW9',
    successor: 'RX4',
    source: `${MERGER} (South of Tyne and Wearside MH into Northumberland, Tyne and Wear, April 2006)`,
  },
  {
    closed: 'RWQ',
    successor: 'R1A',
    source: `${MERGER} (Worcestershire MH Partnership into Worcestershire Health and Care, July 2011)`,
  },
  {
    closed: 'RXH',
    successor: 'RYR',
    source: `${MERGER} (Brighton and Sussex University Hospitals into University Hospitals Sussex, April 2021)`,
  },
  {
    closed: 'RY9',
    successor: 'RAX',
    source: `${MERGER} (Hounslow and Richmond Community and Kingston formed Kingston and Richmond, November 2024)`,
  },
  {
    closed: 'RAP',
    successor: 'RAL',
    source: `${MERGER} (North Middlesex University Hospital into Royal Free London, January 2025)`,
  },
  {
    closed: 'R1G',
    successor: 'RA9',
    source: `${MERGER} (Torbay and Southern Devon into Torbay and South Devon, October 2015)`,
  },
  { closed: 'R1J', successor: 'RTQ', source: `${MERGER} (Gloucestershire Care Services and 2gether, October 2019)` },
  {
    closed: 'RWN',
    successor: 'R1L',
    source: `${MERGER} (South Essex Partnership into Essex Partnership University, April 2017)`,
  },
  {
    closed: 'R1C',
    successor: 'RW1',
    source: `${MERGER} (Solent into Hampshire and Isle of Wight Healthcare, October 2024)`,
  },
  {
    closed: 'RHX',
    successor: 'RW1',
    source: `${MERGER} (Oxfordshire Learning Disability into Southern Health, November 2012)`,
  },
  {
    closed: 'R1E',
    successor: 'RRE',
    source: `${MERGER} (Staffordshire and Stoke on Trent Partnership into Midlands Partnership, June 2018)`,
  },
];

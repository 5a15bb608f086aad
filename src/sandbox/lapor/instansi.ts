import type { Instansi } from './model.js';

/** Instansi that reports are disposed to besides the sandbox's own. */
export const OTHER_INSTANSI: readonly Instansi[] = [
  { id: '33', name: 'Pemerintah Provinsi Jawa Tengah' },
  { id: '105', name: 'Kementerian Pekerjaan Umum dan Perumahan Rakyat' },
  { id: '412', name: 'PT PLN (Persero)' },
  { id: '7', name: 'Kepolisian Negara Republik Indonesia' },
];

export const DEFAULT_INSTANSI: Instansi = { id: '3316', name: 'Pemerintah Kabupaten Blora' };

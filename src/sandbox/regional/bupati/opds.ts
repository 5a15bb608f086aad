/**
 * The Bupati app's own OPD table (its `Opd` rows): ids are the app's, fixed when the pemda
 * set it up, not derived from anything the bridge knows. An OPD not in the table gets an
 * id drawn when first used, as a new row would.
 */
export const BUPATI_OPD_IDS: Readonly<Record<string, string>> = {
  'Dinas Kependudukan dan Pencatatan Sipil': 'ckfqhw0xg0sc8wk8owwc0sscc',
  'Dinas Kesehatan': 'ckfqklprk04ks4wccoso4s8ok',
  'Dinas Lingkungan Hidup': 'ckfqjk9bnwwkgs80osc8o8k0o',
  'Dinas Pekerjaan Umum dan Penataan Ruang': 'ckfqj93n84goocg4wosk8swgw',
  'Dinas Pemberdayaan Masyarakat dan Desa': 'ckfqm0jix480kck0gw4ocotog',
  'Dinas Pendidikan': 'ckfqlb6u4c0ggwc80sw0w0goc',
  'Dinas Perhubungan': 'ckfqiv82ucch0g44g4s8cs8go',
  'Dinas Pertanian, Perkebunan, Peternakan dan Perikanan': 'ckfqlag6kkk0480wok4ck8cws',
  'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak': 'ckfqi4gd9wsks44sgskc0kco4',
  'Perumda Air Minum Tirta Amerta': 'ckfqly3kkgc8w000gww0wg044',
  'Satuan Polisi Pamong Praja': 'ckfql24u54w4kssgcc00swkck',
};

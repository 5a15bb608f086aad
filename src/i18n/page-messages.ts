/** Messages every report page shares: the ledger out of reach, a bad query. */
export const pagesId = {
  unavailable: (what: string) =>
    `${what} tidak dapat dibaca saat ini (ledger tidak terjangkau?). Coba lagi sebentar lagi.`,
  unavailableJson: (what: string) => `${what} tidak dapat dibaca saat ini; coba lagi sebentar lagi`,
  limitNumber: 'jumlah harus berupa angka',
  limitInteger: 'jumlah harus bilangan bulat',
  limitMin: 'jumlah paling sedikit 1',
  limitMax: 'jumlah paling banyak 1000',
  badSource: 'nama sumber tidak valid',
};

export const pagesEn: typeof pagesId = {
  unavailable: (what: string) => `${what} cannot be read right now (ledger unreachable?). Try again shortly.`,
  unavailableJson: (what: string) => `${what} cannot be read right now; try again shortly`,
  limitNumber: 'the number of rows must be a number',
  limitInteger: 'the number of rows must be a whole number',
  limitMin: 'at least 1 row',
  limitMax: 'at most 1000 rows',
  badSource: 'not a valid source name',
};

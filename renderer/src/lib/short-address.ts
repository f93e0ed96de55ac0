/**
 * An SS58 address cut to its ends ("5DtMhY…WoW8uo"), where it sits beside a name that says which
 * key it is: the ends are what people compare. Show the whole address with it (a tooltip, a
 * screen-reader text) wherever it may be checked.
 */
export const shortAddress = (address: string): string =>
  address.length > 16 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;

/** What `GET /users/me` said about a hotkey on one Chutes API. */
export interface AccountLookup {
  apiUrl: string;
  hotkey: string;
  username: string;
  userId: string;
  coldkey: string;
  paymentAddress: string;
  balance: number | null;
  createdAt: string;
}

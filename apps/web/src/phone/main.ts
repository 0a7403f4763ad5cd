// The phone side's entry (/m/): the enterprise contact's pages on their own small bundle — React, plain CSS
// and nothing of the admin app. This first script is tiny and has no React: it starts the first screen's
// requests at once, so that they travel while React (most of the bytes) is still downloading, then loads
// the app.
import './phone.css';
import { phoneApi } from './api.ts';
import { PHONE_BASE } from './contact.ts';
import { startEarly } from './early.ts';

startEarly('me', () => phoneApi.me());
if (window.location.pathname === `${PHONE_BASE}/appeals/new`)
  startEarly('categories', () => phoneApi.categories());

void import('./boot.tsx');

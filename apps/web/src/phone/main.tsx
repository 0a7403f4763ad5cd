// The phone side's entry (/m/): the enterprise contact's pages on their own small bundle — React, plain CSS
// and nothing of the admin app.
import './phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { phoneApi } from './api.ts';
import { PHONE_BASE } from './contact.ts';
import { startEarly } from './early.ts';
import { PhoneApp } from './PhoneApp.tsx';

startEarly('me', () => phoneApi.me());
if (window.location.pathname === `${PHONE_BASE}/appeals/new`)
  startEarly('categories', () => phoneApi.categories());

const container = document.getElementById('root');
if (!container) throw new Error('m/index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);

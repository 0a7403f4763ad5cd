// The phone side's entry (/m/): the enterprise contact's pages on their own small bundle — React, plain CSS
// and nothing of the admin app.
import './phone.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './PhoneApp.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('m/index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);

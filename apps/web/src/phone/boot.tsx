// Renders the phone side once React has arrived (main.ts loads this).
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

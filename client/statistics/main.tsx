import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../apply/apply.css';
import { Statistics } from './Statistics.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Statistics />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SigningWindow } from './SigningWindow';
import './signing.css';

const root = document.getElementById('root');
if (!root) throw new Error('signing.html has no #root element');

// /signing/<requestId>: the one thing this page needs to know.
const requestId = decodeURIComponent(window.location.pathname.split('/').filter(Boolean)[1] ?? '');

createRoot(root).render(
  <StrictMode>
    <SigningWindow requestId={requestId} />
  </StrictMode>,
);

import { z } from 'zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskApp } from './app/App';
import { preloadPageFor } from './app/lazy-pages';
import { parseRoute } from './app/router';

// Under the strict CSP (no 'unsafe-eval') zod must not try its `new Function` fast path.
z.config({ jitless: true });
// Start of the desk's own work, after its code has loaded: the queue's cold-render benchmark measures from here.
performance.mark('jiesu:start');
// The screen the desk opens on loads beside the store's opening (app/lazy-pages.tsx).
preloadPageFor(parseRoute(location.hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskApp />
  </StrictMode>,
);

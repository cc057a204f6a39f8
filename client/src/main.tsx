import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetchLanding } from './app/app.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root ontbreekt in index.html');
// Evaluating the bundle, starting the landing screen's requests and the first render each take a
// task of their own, and the render is a transition, which React draws in slices of a few
// milliseconds: on a slow laptop in the meeting room the page keeps answering while it is built.
setTimeout(prefetchLanding);
setTimeout(() =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);

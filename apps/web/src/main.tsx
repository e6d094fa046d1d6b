// Mantine's global styles only; each component's stylesheet comes with its code (vite/mantine-css.ts).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Providers } from './app/providers.tsx';
import { preloadRoutes } from './app/router.tsx';
import { keepStylesheets } from './lib/stylesheets.ts';

keepStylesheets();

preloadRoutes(window.location.pathname);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Providers />
  </StrictMode>,
);

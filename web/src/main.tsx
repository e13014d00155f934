import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enGBLocale from 'antd/locale/en_GB.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { App } from './App.tsx';
import { loadInstallationSettings } from './lib/format.ts';
import { themeFor } from './theme.ts';

// The CommonJS locale module's default export, however the bundler and the type checker see it.
const enGB = ('default' in enGBLocale ? (enGBLocale as { default: unknown }).default : enGBLocale) as Locale;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const theme = themeFor(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false);

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');

const render = (element: HTMLElement) =>
  createRoot(element).render(
    <StrictMode>
      <ConfigProvider theme={theme} locale={enGB}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );

// The installation's currency is known before the first amount is drawn.
void loadInstallationSettings().finally(() => render(root));

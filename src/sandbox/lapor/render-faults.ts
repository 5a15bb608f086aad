import type { FaultRenderer } from '../shared/faults.js';

/** Fault answers worded the way LAPOR's front servers word them. */
export const renderLaporFault: FaultRenderer = (fault, status) => {
  if (fault === 'maintenance') {
    return {
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html><head><title>SP4N-LAPOR! - Pemeliharaan</title></head><body><h1>Mohon maaf, sistem sedang dalam pemeliharaan.</h1><p>Silakan coba beberapa saat lagi.</p></body></html>',
    };
  }
  if (fault === 'serverError' && (status === 502 || status === 504)) {
    return {
      contentType: 'text/html',
      body: `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`,
    };
  }
  const message = fault === 'rateLimit' ? 'Too Many Requests' : 'Internal Server Error';
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ status: false, message }) };
};

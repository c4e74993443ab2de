import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dashboardContentSecurityPolicy, dashboardHtml } from '../../../runtime/ui/dashboard-page.ts';

function inline(tag: 'script' | 'style'): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(dashboardHtml);
  expect(match, `one inline <${tag}>`).not.toBeNull();
  return match![1]!;
}

describe('dashboard page', () => {
  it('builds markup only through text nodes: no HTML-parsing sinks in its script', () => {
    expect(inline('script')).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  it('loads nothing from elsewhere (users run it offline)', () => {
    expect(dashboardHtml).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(dashboardHtml).not.toMatch(/@import|url\(/);
    expect(dashboardHtml.match(/<script/g)).toHaveLength(1);
  });

  it('allows exactly its own inline script and style in the CSP', () => {
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    expect(dashboardContentSecurityPolicy).toContain(`script-src ${hash(inline('script'))};`);
    expect(dashboardContentSecurityPolicy).toContain(`style-src ${hash(inline('style'))};`);
    expect(dashboardContentSecurityPolicy).toMatch(/^default-src 'none';/);
    expect(dashboardContentSecurityPolicy).not.toContain('unsafe-inline');
  });

  it('keeps the master key in sessionStorage only (gone when the tab closes)', () => {
    const script = inline('script');
    expect(script).toContain('sessionStorage');
    expect(script).not.toContain('localStorage');
    expect(script).not.toContain('document.cookie');
  });
});

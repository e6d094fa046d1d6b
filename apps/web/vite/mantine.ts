import type { Plugin } from 'vite';

/** `…/@mantine/core/esm/components/Menu/Menu.module.css.mjs` → `Menu` */
const MODULE_CSS = /[\\/]@mantine[\\/]core[\\/]esm[\\/].*[\\/]([A-Za-z]+)\.module\.css\.mjs$/;

/**
 * Mantine's styles per component, each with the code that uses it.
 *
 * Every Mantine component reads its class names from a `<Name>.module.css.mjs` module, and
 * `@mantine/core/styles/<Name>.css` holds exactly those classes. This plugin makes each such
 * module import its stylesheet, so a component's CSS lands in the chunk with its code: a view
 * loads the styles of the components it renders (and of the ones they are built from, e.g.
 * Select → Combobox, Input, Popover), nothing else, and no component can be left unstyled by a
 * forgotten import. `main.tsx` imports only the global baseline and theme variables.
 */
export function mantineComponentCss(): Plugin {
  return {
    name: 'porthole:mantine-component-css',
    enforce: 'pre',
    transform(code, id) {
      const m = MODULE_CSS.exec(id);
      if (!m) return null;
      return { code: `import '@mantine/core/styles/${m[1]}.css';\n${code}`, map: null };
    },
  };
}

const SCROLL_AREA = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/]ScrollArea\.mjs$/;
const FLOATING_MERGE_REFS = "import { useMergeRefs } from '@floating-ui/react';";

/**
 * Mantine's ScrollArea (which every Table imports, for `Table.ScrollContainer`) takes one hook,
 * `useMergeRefs`, from Floating UI, and with it all of Floating UI (~17 kB gzipped) into every
 * view with a table, before any popover is shown. This points it at Mantine's own equivalent
 * (`useMergedRef`: the same callback ref with cleanups), so Floating UI loads with the views that
 * use popovers, menus or tooltips. Should a Mantine update change that import, this does nothing
 * and scripts/check-bundle.mjs reports the first-load budget it costs.
 */
export function mantineScrollAreaWithoutFloatingUi(): Plugin {
  return {
    name: 'porthole:mantine-scroll-area-refs',
    enforce: 'pre',
    transform(code, id) {
      if (!SCROLL_AREA.test(id) || !code.includes(FLOATING_MERGE_REFS)) return null;
      const shim = "import { useMergedRef } from '@mantine/hooks';\nconst useMergeRefs = (refs) => useMergedRef(...refs);";
      return { code: code.replace(FLOATING_MERGE_REFS, shim), map: null };
    },
  };
}

const APP_SHELL_SECTION =
  /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]AppShell[\\/]AppShell(?:Header|Footer|Aside)[\\/]AppShell(?:Header|Footer|Aside)\.mjs$/;
const REMOVE_SCROLL = "import { RemoveScroll } from 'react-remove-scroll';";

/**
 * AppShell's header, footer and aside read two class names (`RemoveScroll.classNames`) from
 * react-remove-scroll, and so load its scroll-locking side car (~6 kB gzipped) with the shell,
 * though only modals lock scrolling. This gives them the same two names from the package that
 * defines them (react-remove-scroll-bar, as the modals' RemoveScroll resolves it), so the side
 * car loads with the first modal. Does nothing if the import changes (the budget check notices).
 */
export function mantineAppShellWithoutRemoveScroll(): Plugin {
  return {
    name: 'porthole:mantine-app-shell-class-names',
    enforce: 'pre',
    async transform(code, id) {
      if (!APP_SHELL_SECTION.test(id) || !code.includes(REMOVE_SCROLL)) return null;
      const removeScroll = await this.resolve('react-remove-scroll', id);
      const constants = removeScroll && (await this.resolve('react-remove-scroll-bar/constants', removeScroll.id));
      if (!constants) return null;
      const names = `import { fullWidthClassName, zeroRightClassName } from ${JSON.stringify(constants.id)};
const RemoveScroll = { classNames: { fullWidth: fullWidthClassName, zeroRight: zeroRightClassName } };`;
      return { code: code.replace(REMOVE_SCROLL, names), map: null };
    },
  };
}

const APP_SHELL_VARIABLES =
  /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]AppShell[\\/]AppShellMediaStyles[\\/]get-variables[\\/]get-variables\.mjs$/;
const ASSIGN_IMPORT = /import \{ (assignAsideVariables|assignFooterVariables) \} from '[^']+';/g;

/**
 * Porthole's shell has a header and a navbar, no aside and no footer. AppShell works out the CSS
 * variables of all four on every render, and with no aside or footer those two helpers set nothing
 * (each step hangs on a width, height or `collapsed` of theirs) — but they travel with every first
 * load (~2.6 kB before gzip). Here they are stand-ins that set nothing too, and refuse loudly if a
 * later shell passes an aside or a footer. Does nothing if the imports change (the budget check
 * notices the bytes coming back).
 */
export function mantineAppShellWithoutAsideOrFooter(): Plugin {
  return {
    name: 'porthole:mantine-app-shell-header-and-navbar',
    enforce: 'pre',
    transform(code, id) {
      if (!APP_SHELL_VARIABLES.test(id)) return null;
      const out = code.replace(ASSIGN_IMPORT, (_m, name: string) => {
        const part = name === 'assignAsideVariables' ? 'aside' : 'footer';
        return `const ${name} = ({ ${part} }) => { if (${part}) throw new Error('AppShell: an ${part} needs vite/mantine.ts mantineAppShellWithoutAsideOrFooter removed'); };`;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

// How the desk renderer's code is cut into chunks, shared by vite.web.config.ts and electron.vite.config.ts.
// React and the store's libraries (RxDB with its Dexie, RxJS and what RxDB pulls in) each get a chunk of their own,
// beside antd's and the desk's: the first screen needs all of them, and Chromium compiles each script on a
// thread of its own while it streams in, so four mid-sized chunks are ready sooner than one of 830 kB
// (docs/performance.md "Opening the desk's databases at 50k cases"). Only libraries every start loads are
// named here: a group takes every module it matches, so naming antd would pull the lazily loaded screens'
// components back into the first load.
export const rendererCodeSplitting = {
  groups: [
    { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
    // RxDB's own Dexie (rxdb/node_modules/dexie) comes with `rxdb`; naming `dexie` would also take the newer
    // top-level copy a bench page imports, and two Dexie versions in one page refuse to start.
    { name: 'store', test: /node_modules[\\/](rxdb|rxjs|mingo|event-reduce-js|broadcast-channel)[\\/]/ },
  ],
};

/** The few things only Electron can do; the e2e harness passes fakes. */
export interface DesktopAdapters {
  /** A path chosen in a save dialog, or null when the person cancelled. */
  chooseSavePath(opts: {
    title: string
    defaultName: string
    extension: string
    /** Further formats the dialog offers (its file-type list), after `extension`. */
    otherExtensions?: string[]
  }): Promise<string | null>
  /** A file chosen in an open dialog, or null when the person cancelled. */
  chooseOpenPath(opts: { title: string; extensions: string[] }): Promise<string | null>
  showItemInFolder(path: string): void
  /** Resolves to an error text, '' on success (shell.openPath). */
  openPath(path: string): Promise<string>
  notify(notification: { title: string; body: string }): void
}

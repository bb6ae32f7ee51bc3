import { AppError } from '../../shared/errors'
import {
  mainText,
  msg,
  type MainText,
  type MessageParam,
  type MessageRef,
} from '../../shared/messages'
import {
  describeSetAside,
  loadVersionedJson,
  saveVersionedJson,
  type VersionedFormat,
} from './versioned-json'

/**
 * One JSON file in the user-data folder holding one value (the server profiles, the settings):
 * read once at start (versioned-json.ts: upgraded, or kept aside when unreadable or newer), then
 * changed through a queue so the file always holds the latest change. A change is written
 * atomically first and only then becomes the current value: a failed write changes nothing.
 * When an unusable file could not even be moved aside, every change is refused, so the person's
 * file is never replaced by an empty one.
 */

export interface JsonFileSpec<T> {
  path: string
  format: VersionedFormat<T>
  /** The value when there is no file, or no usable one. */
  empty(): T
  /** The document written for a value: `{ version, … }`. */
  toDocument(value: T): unknown
  // The words below are catalogue messages (storeWhatSettings …), so the window has them in its
  // language; a plain text is taken as it is.
  /** For the person: "Your settings" (could not be read …). */
  what: MessageParam
  /** What happens instead, when the file is not used: "the default settings are used". */
  consequence: MessageParam
  /** Names the data in a failed save: "The settings" (could not be saved to …). */
  savedWhat: MessageParam
  /** What a failed save loses: "the change was not kept". */
  lost: MessageParam
}

export interface OpenedJsonFile<T> {
  store: JsonFileStore<T>
  /** What to tell the person when the file could not be used. */
  problem?: MainText
}

export class JsonFileStore<T> {
  #value: T
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly spec: JsonFileSpec<T>,
    value: T,
    /** Set when an unusable file could not be moved aside: saving would replace it. */
    private readonly blocked: MessageRef | null,
  ) {
    this.#value = value
  }

  static async open<T>(spec: JsonFileSpec<T>): Promise<OpenedJsonFile<T>> {
    const outcome = await loadVersionedJson(spec.path, spec.format)
    switch (outcome.kind) {
      case 'missing':
        return { store: new JsonFileStore(spec, spec.empty(), null) }
      case 'ok':
        return { store: new JsonFileStore(spec, outcome.value, null) }
      case 'set-aside': {
        const problem = describeSetAside(spec.what, outcome, spec.consequence)
        const blocked = outcome.keptAs === null ? problem : null
        return { store: new JsonFileStore(spec, spec.empty(), blocked), problem: mainText(problem) }
      }
    }
  }

  get path(): string {
    return this.spec.path
  }

  /** The current value itself: callers copy what they hand out and never change it in place. */
  get value(): T {
    return this.#value
  }

  /**
   * Queues a change. `change` gets the current value and returns the next one and the result;
   * if it throws, or the write fails (AppError('internal') naming the file), nothing changes.
   */
  update<R>(change: (current: T) => { next: T; result: R }): Promise<R> {
    const run = async (): Promise<R> => {
      if (this.blocked !== null) throw new AppError('internal', this.blocked)
      const { next, result } = change(this.#value)
      try {
        await saveVersionedJson(this.spec.path, this.spec.toDocument(next))
      } catch (err) {
        throw this.#saveFailed(err)
      }
      this.#value = next
      return result
    }
    const done = this.#queue.then(run, run)
    this.#queue = done.catch(() => undefined)
    return done
  }

  #saveFailed(err: unknown): AppError {
    const code = (err as NodeJS.ErrnoException).code
    const { savedWhat: what, path, lost } = this.spec
    return new AppError(
      'internal',
      code
        ? msg('storeSaveFailedCode', { what, path, code, lost })
        : msg('storeSaveFailed', { what, path, lost }),
      code ? { cause: code } : {},
    )
  }
}

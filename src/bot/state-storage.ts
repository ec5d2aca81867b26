import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../store/port';

/** botbuilder's Storage over the store port; eTags come from the store, never from callers. */
export function createBotStorage(state: StateStore): Storage {
  return {
    async read(keys: string[]): Promise<StoreItems> {
      const found = await state.read(keys);
      const items: StoreItems = {};
      for (const [key, record] of found) {
        items[key] = { ...(record.value as Record<string, unknown>), eTag: record.eTag };
      }
      return items;
    },
    async write(changes: StoreItems): Promise<void> {
      await state.write(
        Object.entries(changes).map(([key, item]) => {
          const { eTag, ...value } = item as { eTag?: string } & Record<string, unknown>;
          return { key, value, ...(eTag === undefined ? {} : { eTag }) };
        }),
      );
    },
    async delete(keys: string[]): Promise<void> {
      await state.delete(keys);
    },
  };
}

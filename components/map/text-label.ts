"use client";

/**
 * Leaflet writes a string given to a tooltip, popup or divIcon as HTML, so a customer or driver
 * name reaching one would run as markup in a staff member's browser. Every label built from data
 * goes through this: an element whose text is set with textContent can never become script.
 */
export function textLabel(text: string): HTMLElement {
  const element = document.createElement("span");
  element.textContent = text;
  return element;
}

"""Pure document renderers: plain rows and data objects in, files out; never the database.

layouts (附件1–3 as data) · xlsx (the forms) · docx and pdf (task letter, 附件4 summary) ·
package (the streamed zip with its manifest) · data (what the Word and PDF renderers print).
"""
